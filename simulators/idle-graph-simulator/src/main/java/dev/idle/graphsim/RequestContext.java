package dev.idle.graphsim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One request in flight (top level or {@code $batch} item): its ids, arrival, the app behind its token, the 429s the
 * throttle issued to it and the records of its batch items. Confined to the thread handling the request.
 */
final class RequestContext {
    final String requestId = UUID.randomUUID().toString();
    final String clientRequestId;
    final Instant arrival;
    final List<RequestJournal.RetryNotice> issued = new ArrayList<>();
    final List<RequestRecord> records = new ArrayList<>();
    AppRegistry.App app;

    RequestContext(String clientRequestId, Instant arrival) {
        this.clientRequestId = clientRequestId;
        this.arrival = arrival;
    }
}
