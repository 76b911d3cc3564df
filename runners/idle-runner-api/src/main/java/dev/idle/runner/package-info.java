/**
 * The engine-neutral face of IdLE's distributed runners: {@link dev.idle.runner.DistributedRunner} (with
 * {@link dev.idle.runner.Approvals} and {@link dev.idle.runner.SubmissionSpec}), in a module of its own that depends
 * on the engine only. {@code idle-runner-dbos} implements it on DBOS Transact ({@code dev.idle.runner.dbos.DbosRunner},
 * {@code DbosClient}); another durable engine (e.g. Temporal) would implement it in a module of its own.
 */
package dev.idle.runner;
