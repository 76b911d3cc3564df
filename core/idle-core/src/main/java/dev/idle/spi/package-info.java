/**
 * The contracts for extending IdLE: providers ({@link dev.idle.spi.Provider}, {@link dev.idle.spi.ProviderFactory}),
 * one interface per capability (each annotated with its {@link dev.idle.spi.CapabilityContract}), step packs and
 * auth sessions. Only contracts and the few helpers every implementer needs live here; the provider toolkit (HTTP,
 * options, trust stores) is the separate module {@code idle-provider-support}.
 *
 * <p>Every public type carries an {@link org.apiguardian.api.API} status (docs/architecture.md explains them).
 */
package dev.idle.spi;
