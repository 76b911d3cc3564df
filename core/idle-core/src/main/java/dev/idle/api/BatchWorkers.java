package dev.idle.api;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * One {@link BatchRunner#run}: the caller's thread reads requests into a bounded queue, {@code concurrency} worker
 * threads take them, and each finished record is counted and handed to the callback under one lock. Whatever stops
 * the batch (the callback threw, the source failed, a worker met an {@link Error}) is kept as the first cause; no
 * request starts after it, the queue is drained without running, and the workers are always shut down. After a request
 * ran, the providers' {@link dev.idle.spi.RequestBoundary} makes its changes durable before its record is handed over;
 * when that fails the batch stops and that record is withheld.
 */
final class BatchWorkers {
    /** Tells a worker that no request follows. */
    private static final Task END = new Task(-1, null);

    private record Task(long index, RequestSource.Item item) {
    }

    private static final AtomicInteger BATCHES = new AtomicInteger();

    private final BatchRunner runner;
    private final RequestSource requests;
    private final LongPredicate selected;
    private final Consumer<BatchRecord> onRecord;
    private final boolean planOnly;
    private final AffectedCap cap;
    private final BlockingQueue<Task> queue;
    private final Map<BatchRecord.Status, Long> counts = new EnumMap<>(BatchRecord.Status.class);
    private final Object lock = new Object();
    private volatile Throwable stoppedBy;

    /** @param planOnly plan each request and run none; @param cap the run's running cap, or null */
    BatchWorkers(BatchRunner runner, RequestSource requests, LongPredicate selected, Consumer<BatchRecord> onRecord,
                 boolean planOnly, AffectedCap cap) {
        this.runner = runner;
        this.requests = requests;
        this.selected = selected;
        this.onRecord = onRecord;
        this.planOnly = planOnly;
        this.cap = cap;
        this.queue = new ArrayBlockingQueue<>(2 * runner.concurrency());
    }

    BatchSummary run() {
        long start = System.nanoTime();
        int n = runner.concurrency();
        ExecutorService pool = Executors.newFixedThreadPool(n, threads());
        try {
            for (int i = 0; i < n; i++) {
                pool.execute(this::work);
            }
            read();
        } finally {
            endWorkers(pool, n);
        }
        if (stoppedBy instanceof Error e) {
            throw e;
        }
        Map<BatchRecord.Status, Long> totals;
        synchronized (lock) {
            totals = new EnumMap<>(counts);
        }
        return new BatchSummary(totals, Duration.ofNanos(System.nanoTime() - start), stoppedBy);
    }

    private void read() {
        long index = 0;
        try {
            RequestSource.Item item;
            while (stoppedBy == null && (item = requests.next()) != null) {
                if (selected.test(index)) {
                    queue.put(new Task(index, item));
                }
                index++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(e);
        } catch (RuntimeException | Error e) {
            stop(e);
        }
    }

    private void endWorkers(ExecutorService pool, int n) {
        boolean interrupted = false;
        for (int i = 0; i < n; i++) {
            while (true) {
                try {
                    queue.put(END);
                    break;
                } catch (InterruptedException e) {
                    // the workers must still be told to end, or they would wait for ever
                    interrupted = true;
                    stop(e);
                }
            }
        }
        pool.shutdown();
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                stop(e);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        while (true) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return; // only shutdownNow interrupts, which run() never calls
            }
            if (task == END) {
                return;
            }
            if (stoppedBy != null) {
                continue; // drain without running
            }
            try {
                BatchRecord record = runner.process(task.index(), task.item(), planOnly, cap);
                if (record.result() != null) {
                    // durable before it is reported done (a results line, later a journal entry); a failure here
                    // stops the batch and withholds the record, so a resume runs the request again
                    runner.afterRequest();
                }
                finished(record);
            } catch (RuntimeException e) {
                stop(e);
            } catch (Error e) {
                stop(e);
            }
        }
    }

    private void finished(BatchRecord record) {
        synchronized (lock) {
            counts.merge(record.status(), 1L, Long::sum);
            if (stoppedBy != null) {
                return;
            }
            try {
                onRecord.accept(record);
            } catch (RuntimeException e) {
                stop(e);
            }
        }
    }

    private void stop(Throwable cause) {
        synchronized (lock) {
            if (stoppedBy == null) {
                stoppedBy = cause;
            }
        }
    }

    private static ThreadFactory threads() {
        int batch = BATCHES.incrementAndGet();
        AtomicInteger worker = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "idle-batch-" + batch + "-worker-" + worker.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
