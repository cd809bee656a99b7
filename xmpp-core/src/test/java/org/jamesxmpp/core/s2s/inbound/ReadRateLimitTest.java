package org.jamesxmpp.core.s2s.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

class ReadRateLimitTest {
    AtomicLong nanos = new AtomicLong();
    EmbeddedChannel channel = new EmbeddedChannel(new ReadRateLimit(1000, nanos::get));

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private void read(int bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[bytes]));
    }

    @Test
    void readingWithinTheRateShouldNotPause() {
        read(600);
        nanos.addAndGet(Duration.ofMillis(600).toNanos());
        read(600);

        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat((Object) channel.readInbound()).isNotNull();
    }

    @Test
    void bytesBeyondTheRateShouldBeHeldBackAndReadingPaused() {
        read(1500);

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void heldBytesShouldGoOnInOrderOnceTheBucketIsPaidBack() {
        read(1010);
        read(5);
        nanos.addAndGet(Duration.ofMillis(20).toNanos());

        await().atMost(Duration.ofSeconds(5)).until(() -> {
            channel.runScheduledPendingTasks();
            return channel.config().isAutoRead();
        });
        assertThat(((ByteBuf) channel.readInbound()).readableBytes()).isEqualTo(1010);
        assertThat(((ByteBuf) channel.readInbound()).readableBytes()).isEqualTo(5);
    }

    @Test
    void pausedStreamShouldStayPausedWhileTheClockHasNotPaidTheDebt() {
        read(1500);

        channel.runScheduledPendingTasks();

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
    }
}
