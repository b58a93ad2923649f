package io.insiders.ingest.asi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.insiders.ingest.asi.AsiFormatException.Rule;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AsiHeaderTest {

    private final byte[] header = AsiBytes.header().bytes();

    @Test
    void acceptsTheHeaderWhateverTheOpaqueBytes() {
        byte[] file = header.clone();
        file[4] = 0x7F;
        file[8] = (byte) 0xFF;
        file[16] = 0x12;
        file[17] = 0x34;

        assertThatCode(() -> AsiHeader.check(file)).doesNotThrowAnyException();
    }

    @Test
    void refusesAnEmptyFile() {
        assertRefused(new byte[0], 0, "empty");
        assertRefused(null, 0, "empty");
    }

    @Test
    void refusesAWrongMagicAtTheFirstWrongByte() {
        byte[] file = header.clone();
        file[2] = 'J';

        assertRefused(file, 2, "magic");
    }

    @Test
    void refusesAFileThatEndsInsideTheHeader() {
        assertRefused(Arrays.copyOf(header, 3), 3, "inside the magic");
        assertRefused(Arrays.copyOf(header, 9), 9, "name's length");
        assertRefused(Arrays.copyOf(header, 13), 13, "inside the format name");
        assertRefused(Arrays.copyOf(header, 17), 17, "author block");
    }

    @Test
    void refusesAnotherFormatName() {
        byte[] wrongLength = header.clone();
        wrongLength[9] = 5;
        byte[] version3 = header.clone();
        version3[15] = '3';

        assertRefused(wrongLength, 9, "length 5");
        assertRefused(version3, 15, "ASI V2");
    }

    private static void assertRefused(byte[] file, int offset, String message) {
        assertThatThrownBy(() -> AsiHeader.check(file))
                .isInstanceOfSatisfying(AsiFormatException.class, e -> {
                    assertThat(e.rule()).isEqualTo(Rule.BAD_HEADER);
                    assertThat(e.offset()).hasValue(offset);
                    assertThat(e.details())
                            .containsEntry("rule", "bad_header")
                            .containsEntry("offset", offset);
                })
                .hasMessageContaining(message);
    }
}
