/**
 * The distributed runner: durable runs of IdLE requests on DBOS Transact, with their state in PostgreSQL.
 */
package dev.idle.runner.dbos;
