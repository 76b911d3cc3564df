/** Reading the requests of a batch: JSON Lines and CSV, one bounded line at a time. */
package dev.idle.internal.batch;
