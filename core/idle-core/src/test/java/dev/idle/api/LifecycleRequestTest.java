package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleRequestTest {

    @Test
    void blankLifecycleEventIsRejected() {
        for (String blank : new String[] {null, "", "  \t"}) {
            assertThatThrownBy(() -> LifecycleRequest.create(blank, "c", null, null, null, null))
                    .isInstanceOf(IdleInputException.class).hasMessageContaining("LifecycleEvent is required");
        }
    }

    @Test
    void lifecycleEventIsFreeTextKeptAsWritten() {
        assertThat(LifecycleRequest.create(" Custom Event ", "c", null, null, null, null).lifecycleEvent())
                .isEqualTo(" Custom Event ");
    }

    @Test
    void blankCorrelationIdIsReplacedByALowerCaseUuid() {
        for (String blank : new String[] {null, "", "   "}) {
            String id = LifecycleRequest.create("Joiner", blank, null, null, null, null).correlationId();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
    }

    @Test
    void givenCorrelationIdIsKeptVerbatim() {
        assertThat(LifecycleRequest.create("Joiner", " ABC-1 ", null, null, null, null).correlationId())
                .isEqualTo(" ABC-1 ");
    }

    @Test
    void blankActorBecomesNull() {
        assertThat(LifecycleRequest.create("Joiner", "c", "  ", null, null, null).actor()).isNull();
        assertThat(LifecycleRequest.create("Joiner", "c", null, null, null, null).actor()).isNull();
        assertThat(LifecycleRequest.create("Joiner", "c", "hr-sync", null, null, null).actor()).isEqualTo("hr-sync");
    }

    @Test
    void absentMapsBecomeEmptyCaseInsensitiveMaps() {
        LifecycleRequest r = LifecycleRequest.create("Joiner", "c", null, null, null, null);
        assertThat(r.identityKeys()).isEmpty();
        assertThat(r.intent()).isEmpty();
        assertThat(r.context()).isEmpty();
        LifecycleRequest withKeys = LifecycleRequest.create("Joiner", "c", null, Map.of("UserId", "x"), null, null);
        assertThat(withKeys.identityKeys().get("userid")).isEqualTo("x");
    }

    @Test
    void mapsAreShallowCopiesOfTheCallersMaps() {
        Map<String, Object> intent = new HashMap<>(Map.of("Dept", "IT"));
        LifecycleRequest r = LifecycleRequest.create("Joiner", "c", null, null, intent, null);
        intent.put("Dept", "HR");
        assertThat(r.intent()).containsEntry("Dept", "IT");
    }

    @Test
    void executableValueIsRejectedWithItsPath() {
        DataMap intent = DataMap.of("Attributes", DataMap.of("Department", new ExecutableValue("Get-Dept")));
        assertThatThrownBy(() -> LifecycleRequest.create("Joiner", "c", null, null, intent, null))
                .isInstanceOf(IdleInputException.class)
                .hasMessage("ScriptBlocks are not allowed in request data. Found at: Intent.Attributes.Department");
        DataMap context = DataMap.of("List", List.of(1, new ExecutableValue("x")));
        assertThatThrownBy(() -> LifecycleRequest.create("Joiner", "c", null, null, null, context))
                .hasMessageEndingWith("Found at: Context.List[1]");
        DataMap keys = DataMap.of("Id", new ExecutableValue("x"));
        assertThatThrownBy(() -> LifecycleRequest.create("Joiner", "c", null, keys, null, null))
                .hasMessageEndingWith("Found at: IdentityKeys.Id");
    }

    @Test
    void fromDataReadsKeysCaseInsensitively() {
        DataMap data = DataMap.of("LIFECYCLEEVENT", "Leaver", "CorrelationID", "c-1", "actor", "me",
                "IdentityKeys", DataMap.of("Id", "jdoe"), "INTENT", DataMap.of("A", 1), "context", DataMap.of("B", 2));
        LifecycleRequest r = LifecycleRequest.fromData(data, "req.json");
        assertThat(r.lifecycleEvent()).isEqualTo("Leaver");
        assertThat(r.correlationId()).isEqualTo("c-1");
        assertThat(r.actor()).isEqualTo("me");
        assertThat(r.identityKeys()).containsEntry("Id", "jdoe");
        assertThat(r.intent()).containsEntry("A", 1);
        assertThat(r.context()).containsEntry("B", 2);
    }

    @Test
    void fromDataRejectsANonMapRoot() {
        assertThatThrownBy(() -> LifecycleRequest.fromData(List.of(), "req.json"))
                .isInstanceOf(IdleInputException.class).hasMessage("req.json: a request must be a map at the root");
    }

    @Test
    void fromDataListsEveryProblemAtOnce() {
        DataMap data = DataMap.of("DesiredState", 1, "Changes", 2, "intent", "notamap", "actor", List.of("a"));
        IdleInputException e = catchThrowableOfType(() -> LifecycleRequest.fromData(data, "req.json"),
                IdleInputException.class);
        assertThat(e.problems()).hasSize(5)
                .allSatisfy(p -> assertThat(p).startsWith("req.json: "))
                .anySatisfy(p -> assertThat(p).contains("unknown request key 'DesiredState'"))
                .anySatisfy(p -> assertThat(p).contains("unknown request key 'Changes'"))
                .anySatisfy(p -> assertThat(p).contains("'intent' must be a map"))
                .anySatisfy(p -> assertThat(p).contains("'lifecycleEvent' is required"))
                .anySatisfy(p -> assertThat(p).contains("'actor' must be a string"));
    }

    @Test
    void fromDataRejectsTheIdentityKey() {
        DataMap data = DataMap.of("lifecycleEvent", "Joiner", "identity", DataMap.of("Id", 1));
        IdleInputException e = catchThrowableOfType(() -> LifecycleRequest.fromData(data, "req.json"),
                IdleInputException.class);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("must not contain 'Identity'")
                .contains("context.Identity"));
    }

    @Test
    void fromDataRejectsExecutableValuesWithTheirPath() {
        DataMap data = DataMap.of("lifecycleEvent", "Joiner",
                "intent", DataMap.of("X", List.of(new ExecutableValue("x"))));
        assertThatThrownBy(() -> LifecycleRequest.fromData(data, "req.json"))
                .isInstanceOf(IdleInputException.class).hasMessageContaining("Found at: Intent.X[0]");
    }

    @Test
    void snapshotIsADeepCopy() {
        DataMap nested = DataMap.of("A", 1);
        LifecycleRequest r = LifecycleRequest.create("Joiner", "c", "me", null, DataMap.of("N", nested), null);
        LifecycleRequest s = r.snapshot();
        nested.put("A", 2);
        assertThat(s.intent().getMap("N")).containsEntry("A", 1);
        assertThat(s.correlationId()).isEqualTo("c");
        assertThat(s.actor()).isEqualTo("me");
    }
}
