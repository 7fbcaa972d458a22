/** The hash of the image test's inputs (Containerfile, .dockerignore, deploy/, lockfile). */
export declare function imageHash(): string;
/** Where the hash the image test last passed with is committed. */
export declare const STAMP: string;
