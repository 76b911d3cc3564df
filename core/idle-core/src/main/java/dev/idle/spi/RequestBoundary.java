package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Optional for a {@link Provider} that buffers state between calls (the mock provider's state file): a runner that
 * executes many requests against one provider instance (a batch) calls {@link #afterRequest()} after each request
 * finished and <em>before</em> it records that request as done, e.g. in a crash-resume journal. So a crash never
 * loses a change the journal counts as done.
 *
 * <p>A single run ({@code idle invoke}) need not call it: {@link Provider#close()} flushes at the end.
 *
 * <p>Implementations must be thread-safe: several workers call it at once, each after its own request. A call returns
 * only once every change made before the call began is durable; one write may cover the requests of several callers
 * (group commit), and a call with nothing new to write returns at once.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface RequestBoundary {
    /**
     * Makes every change made so far durable.
     *
     * @throws RuntimeException when that failed (e.g. {@link java.io.UncheckedIOException} for a full disk): the
     *                          finished request's effects may then be lost on a crash, so the runner must not record
     *                          it as done; a later call retries the write
     */
    void afterRequest();
}
