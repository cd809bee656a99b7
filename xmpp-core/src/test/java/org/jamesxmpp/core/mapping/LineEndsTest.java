package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LineEndsTest {
    @Test
    void lfLineEndsTurnsCrlfAndLoneCrIntoLfAndKeepsEveryOtherByte() {
        SplittableRandom random = new SplittableRandom(5);
        byte[] alphabet = {'a', '\r', '\n', ' ', (byte) 0xc3, (byte) 0xa9, 0};
        for (int i = 0; i < 5_000; i++) {
            byte[] content = new byte[random.nextInt(40)];
            for (int j = 0; j < content.length; j++) {
                content[j] = alphabet[random.nextInt(alphabet.length)];
            }
            assertThat(MailParser.lfLineEnds(content)).isEqualTo(byteByByte(content));
        }
        assertThat(MailParser.lfLineEnds("a\r\nb\rc\n\r\r\n".getBytes())).isEqualTo("a\nb\nc\n\n\n".getBytes());
    }

    private static byte[] byteByByte(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\r') {
                out.write('\n');
                if (i + 1 < content.length && content[i + 1] == '\n') {
                    i++;
                }
            } else {
                out.write(content[i]);
            }
        }
        return out.toByteArray();
    }
}
