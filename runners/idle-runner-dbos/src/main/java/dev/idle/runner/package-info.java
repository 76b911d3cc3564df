/**
 * The engine-neutral face of IdLE's distributed runners: {@link dev.idle.runner.DistributedRunner}, implemented on
 * DBOS Transact by {@link dev.idle.runner.dbos.DbosRunner}; another durable engine (e.g. Temporal) would implement it
 * in its own package.
 */
package dev.idle.runner;
