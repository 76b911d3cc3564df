package dev.idle.provider.ad;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GuidsAndPasswordsTest {
    private static final String G = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

    @Test
    void parsesEveryDotNetFormat() {
        UUID u = UUID.fromString(G);
        assertThat(Guids.parse(G)).isEqualTo(u);
        assertThat(Guids.parse(G.toUpperCase())).isEqualTo(u);
        assertThat(Guids.parse(G.replace("-", ""))).isEqualTo(u);
        assertThat(Guids.parse("{" + G + "}")).isEqualTo(u);
        assertThat(Guids.parse("(" + G + ")")).isEqualTo(u);
        assertThat(Guids.parse("{0x6f9619ff,0x8b86,0xd011,{0xb4,0x2d,0x00,0xc0,0x4f,0xc9,0x64,0xff}}")).isEqualTo(u);
        assertThat(Guids.parse("jdoe")).isNull();
        assertThat(Guids.parse("contract-" + G.replace("-", ""))).isNull();
    }

    @Test
    void objectGuidBytesAreLittleEndianInTheFirstThreeFields() {
        byte[] b = Guids.toObjectGuid(UUID.fromString(G));
        assertThat(b).startsWith((byte) 0xff, (byte) 0x19, (byte) 0x96, (byte) 0x6f, (byte) 0x86, (byte) 0x8b,
                (byte) 0x11, (byte) 0xd0, (byte) 0xb4, (byte) 0x2d);
        assertThat(Guids.fromObjectGuid(b)).isEqualTo(G);
    }

    @Test
    void generatedPasswordsHaveEveryRequiredClassAndTheRightLength() {
        PasswordGenerator gen = new PasswordGenerator(new SecureRandom());
        PasswordGenerator.Rules rules = new PasswordGenerator.Rules(24, true, true, true, true, "");
        for (int i = 0; i < 50; i++) {
            String p = gen.generate(rules, null, false).password().reveal();
            assertThat(p).hasSize(24).containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]")
                    .containsPattern("[!@#$%&*+\\-_=?]");
        }
        assertThat(gen.generate(rules, null, false).policyUsed()).isEqualTo("Fallback");
        PasswordGenerator.Generated fromPolicy = gen.generate(rules, 30, false);
        assertThat(fromPolicy.policyUsed()).isEqualTo("DomainPolicy");
        assertThat(fromPolicy.password().reveal()).hasSize(30);
        PasswordGenerator.Rules digitsOnly = new PasswordGenerator.Rules(4, false, false, true, false, "");
        assertThat(gen.generate(digitsOnly, null, false).password().reveal()).matches("[0-9]{8}");
        assertThat(gen.generate(digitsOnly, 7, true).password().reveal()).hasSize(8).containsPattern("[A-Z]")
                .containsPattern("[!@#$%&*+\\-_=?]");
        assertThat(gen.generate(rules, null, false).password().toString()).isEqualTo("[REDACTED]");
    }
}
