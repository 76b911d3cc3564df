package dev.idle.runner.dbos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.provider.support.ratelimit.RateLimit;
import dev.idle.provider.support.ratelimit.SharedPace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A write whose worker died before it was answered holds its place in the shared pace only until the pace's give-up
 * time after it went; then the writes of live workers go on (they would otherwise wait for that answer forever).
 */
class DistributedWritePaceGiveUpTest {
    private static final RateLimit TWO = RateLimit.writesPerSecond(2);
    private static final Duration GIVE_UP = Duration.ofSeconds(2);

    @Test
    void aWriteNeverAnsweredHoldsItsPlaceUntilTheGiveUpTimeAfterItWentAndNoLonger() throws Exception {
        DatabaseSettings settings = RealPostgres.settings();
        String schema = DistributedFixture.uniqueSchema() + "_pace";
        String target = "graph tenant=" + UUID.randomUUID();
        try (PostgresWritePace dead = new PostgresWritePace(settings, schema, GIVE_UP);
             PostgresWritePace live = new PostgresWritePace(settings, schema, GIVE_UP)) {
            dead.acquire(target, TWO, 2, 1); // place 0, never answered: its worker "died"
            double place0SentAt = sentAt(settings, schema, target, 0);
            live.answered(live.acquire(target, TWO, 2, 1)); // place 1

            SharedPace.Permit third = CompletableFuture.supplyAsync(() -> {
                try {
                    return live.acquire(target, TWO, 2, 1); // place 2: the slot of place 0
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).get(1, TimeUnit.MINUTES);
            live.answered(third);

            assertThat(third.places()).containsExactly(2L);
            assertThat(sentAt(settings, schema, target, 2) - place0SentAt)
                    .as("seconds between place 0 and place 2 going, on the database's clock")
                    .isGreaterThanOrEqualTo(GIVE_UP.toSeconds());
        }
    }

    private static double sentAt(DatabaseSettings settings, String schema, String target, long place)
            throws Exception {
        try (Connection c = settings.openConnection("test");
             PreparedStatement s = c.prepareStatement("SELECT extract(epoch FROM sent_at) FROM " + schema
                     + ".write_window WHERE target = ? AND place = ?")) {
            s.setString(1, target);
            s.setLong(2, place);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("place %s in the ring", place).isTrue();
                return rs.getDouble(1);
            }
        }
    }
}
