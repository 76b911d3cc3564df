package dev.idle.provider.entraid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ODataTest {
    @Test
    void apostrophesAreDoubledThenTheFilterIsUrlEncoded() {
        assertThat(OData.literal("o'brien@contoso.example")).isEqualTo("'o''brien@contoso.example'");
        assertThat(OData.eqFilter("userPrincipalName", "o'brien@contoso.example"))
                .isEqualTo("$filter=userPrincipalName%20eq%20%27o%27%27brien%40contoso.example%27");
    }

    @Test
    void onlyAWholeGuidIsAnObjectId() {
        assertThat(OData.guid("5F1C2B9E-0D3A-4C4B-9A55-0E6B7C8D9E0F")).isEqualTo("5f1c2b9e-0d3a-4c4b-9a55-0e6b7c8d9e0f");
        assertThat(OData.guid("{5f1c2b9e-0d3a-4c4b-9a55-0e6b7c8d9e0f}")).isEqualTo("5f1c2b9e-0d3a-4c4b-9a55-0e6b7c8d9e0f");
        assertThat(OData.guid("5f1c2b9e0d3a4c4b9a550e6b7c8d9e0f")).isEqualTo("5f1c2b9e-0d3a-4c4b-9a55-0e6b7c8d9e0f");
        // upstream's 32-hex substring rule is gone
        assertThat(OData.guid("contract-5f1c2b9e0d3a4c4b9a550e6b7c8d9e0f")).isNull();
        assertThat(OData.guid("x5f1c2b9e0d3a4c4b9a550e6b7c8d9e0f@contoso.example")).isNull();
    }
}
