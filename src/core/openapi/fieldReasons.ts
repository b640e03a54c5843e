/**
 * The reasons a body's field problem gives that the gateway words its own way ("prompt is
 * required", "unknown field x"): written here once, read by the schema judge that gives them
 * and the error catalog that words them.
 */
export const REQUIRED_FIELD = 'is required';
export const UNKNOWN_FIELD = 'is unknown';
