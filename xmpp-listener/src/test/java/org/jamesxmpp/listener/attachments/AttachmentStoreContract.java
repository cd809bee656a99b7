package org.jamesxmpp.listener.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jamesxmpp.core.mapping.Attachment;
import org.junit.jupiter.api.Test;

/** What every {@link AttachmentStore} does; an implementation's test gives {@link #testee()} on {@link #clock()}. */
interface AttachmentStoreContract {
    Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    Attachment REPORT = new Attachment(Optional.of("report é.pdf"), "application/pdf", Optional.empty(),
        new byte[] {1, 2, 3, 4});

    AttachmentStore testee();

    MutableClock clock();

    @Test
    default void storedFileShouldBeFoundByItsTokenWithNameTypeAndSize() throws Exception {
        String token = testee().store(REPORT, NOW.plus(Duration.ofDays(1)));

        StoredAttachment found = testee().find(token).orElseThrow();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(found.fileName()).isEqualTo("report é.pdf");
        assertThat(found.contentType()).isEqualTo("application/pdf");
        assertThat(found.size()).isEqualTo(4);
        assertThat(found.expires()).isEqualTo(NOW.plus(Duration.ofDays(1)));
        assertThat(found.readAll()).containsExactly(1, 2, 3, 4);
    }

    @Test
    default void aRangeOfTheFileShouldBeReadAlone() throws Exception {
        String token = testee().store(REPORT, NOW.plus(Duration.ofDays(1)));

        ByteArrayOutputStream range = new ByteArrayOutputStream();
        testee().find(token).orElseThrow().content().copy(1, 2, range);

        assertThat(range.toByteArray()).containsExactly(2, 3);
    }

    @Test
    default void theSameFileStoredAgainShouldKeepItsTokenAndOnlyMoveItsExpiryLater() throws Exception {
        String first = testee().store(REPORT, NOW.plus(Duration.ofHours(1)));
        clock().now = NOW.plus(Duration.ofMinutes(30));

        String again = testee().store(REPORT, clock().now.plus(Duration.ofHours(1)));
        String earlier = testee().store(REPORT, NOW.plus(Duration.ofMinutes(45)));

        assertThat(again).isEqualTo(first);
        assertThat(earlier).isEqualTo(first);
        assertThat(testee().find(first).orElseThrow().expires()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
    }

    @Test
    default void anotherNameTypeOrContentShouldBeAnotherFile() throws Exception {
        String token = testee().store(REPORT, NOW.plusSeconds(60));

        assertThat(testee().store(new Attachment(Optional.of("other.pdf"), "application/pdf", Optional.empty(),
            new byte[] {1, 2, 3, 4}), NOW.plusSeconds(60))).isNotEqualTo(token);
        assertThat(testee().store(new Attachment(Optional.of("report é.pdf"), "text/plain", Optional.empty(),
            new byte[] {1, 2, 3, 4}), NOW.plusSeconds(60))).isNotEqualTo(token);
        assertThat(testee().store(new Attachment(Optional.of("report é.pdf"), "application/pdf", Optional.empty(),
            new byte[] {1, 2, 3, 5}), NOW.plusSeconds(60))).isNotEqualTo(token);
    }

    @Test
    default void theSameFileAfterItsLinkExpiredShouldGetANewToken() throws Exception {
        String first = testee().store(REPORT, NOW.plus(Duration.ofHours(1)));
        clock().now = NOW.plus(Duration.ofHours(2));

        String second = testee().store(REPORT, clock().now.plus(Duration.ofHours(1)));

        assertThat(second).isNotEqualTo(first);
        assertThat(testee().find(first)).isEmpty();
        assertThat(testee().find(second)).isPresent();
    }

    @Test
    default void aFileShouldNotBeFoundOnceItExpired() throws Exception {
        String token = testee().store(REPORT, NOW.plus(Duration.ofHours(1)));

        clock().now = NOW.plus(Duration.ofHours(1));

        assertThat(testee().find(token)).isEmpty();
    }

    @Test
    default void malformedOrUnknownTokensShouldNotBeFound() throws Exception {
        testee().store(REPORT, NOW.plus(Duration.ofHours(1)));

        assertThat(testee().find("x")).isEmpty();
        assertThat(testee().find("../" + "A".repeat(40))).isEmpty();
        assertThat(testee().find("A".repeat(43))).isEmpty();
    }

    final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
