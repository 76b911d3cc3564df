package dev.idle.report.html;

import static dev.idle.report.html.PlanFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionTextTest {
    static final String TREE = """
            { "All": [ { "equals": { "path": "Request.Intent.Department", "value": "IT" } },
                       { "Any": [ { "Exists": "Request.Intent.Reason" },
                                  { "Like": { "Path": "Request.Context.Groups.Id", "Pattern": "sg-*" } } ] },
                       { "In": { "Path": "Request.LifecycleEvent", "Values": ["Leaver", "Mover"] } } ] }
            """;

    @Test
    void aTreeReadsAsWordsWhateverTheCaseOfItsKeys() throws Exception {
        assertThat(ConditionText.of(JSON.readTree(TREE))).isEqualTo("all of (Request.Intent.Department equals \"IT\"; "
                + "any of (Request.Intent.Reason exists; Request.Context.Groups.Id is like \"sg-*\"); "
                + "Request.LifecycleEvent is one of [\"Leaver\",\"Mover\"])");
    }

    @Test
    void everyPathTheTreeReadsIsListedOnce() throws Exception {
        assertThat(ConditionText.paths(JSON.readTree(TREE))).containsExactly("Request.Intent.Department",
                "Request.Intent.Reason", "Request.Context.Groups.Id", "Request.LifecycleEvent");
    }

    @Test
    void aNodeOfAnotherShapeIsShownAsWritten() throws Exception {
        assertThat(ConditionText.of(JSON.readTree("{\"Frob\":1}"))).isEqualTo("{\"Frob\":1}");
    }
}
