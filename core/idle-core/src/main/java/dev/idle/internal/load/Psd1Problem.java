package dev.idle.internal.load;

/** A problem at a 1-based source position, before it is formatted with the file name. */
record Psd1Problem(int line, int column, String message) {
}
