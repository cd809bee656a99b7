package org.jamesxmpp.listener.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void noHeaderShouldAskForTheWholeFile() {
        assertThat(ByteRange.parse(Optional.empty(), 100)).isEqualTo(new ByteRange.Whole());
    }

    @Test
    void closedRangeShouldBeCutToTheFile() {
        assertThat(ByteRange.parse(Optional.of("bytes=10-19"), 100)).isEqualTo(new ByteRange.Partial(new ByteRange(10, 19)));
        assertThat(ByteRange.parse(Optional.of("bytes=90-199"), 100)).isEqualTo(new ByteRange.Partial(new ByteRange(90, 99)));
    }

    @Test
    void openAndSuffixRangesShouldEndAtTheLastByte() {
        assertThat(ByteRange.parse(Optional.of("bytes=95-"), 100)).isEqualTo(new ByteRange.Partial(new ByteRange(95, 99)));
        assertThat(ByteRange.parse(Optional.of("bytes=-10"), 100)).isEqualTo(new ByteRange.Partial(new ByteRange(90, 99)));
        assertThat(ByteRange.parse(Optional.of("bytes=-1000"), 100)).isEqualTo(new ByteRange.Partial(new ByteRange(0, 99)));
    }

    @Test
    void rangeStartingAfterTheFileShouldBeUnsatisfiable() {
        assertThat(ByteRange.parse(Optional.of("bytes=100-"), 100)).isEqualTo(new ByteRange.Unsatisfiable());
        assertThat(ByteRange.parse(Optional.of("bytes=-0"), 100)).isEqualTo(new ByteRange.Unsatisfiable());
    }

    @Test
    void severalRangesOrOtherUnitsShouldBeIgnored() {
        assertThat(ByteRange.parse(Optional.of("bytes=0-1,5-6"), 100)).isEqualTo(new ByteRange.Whole());
        assertThat(ByteRange.parse(Optional.of("items=0-1"), 100)).isEqualTo(new ByteRange.Whole());
        assertThat(ByteRange.parse(Optional.of("bytes=9-3"), 100)).isEqualTo(new ByteRange.Whole());
        assertThat(ByteRange.parse(Optional.of("bytes=99999999999999999999-"), 100)).isEqualTo(new ByteRange.Whole());
    }
}
