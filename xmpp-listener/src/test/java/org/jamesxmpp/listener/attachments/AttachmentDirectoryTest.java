package org.jamesxmpp.listener.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentDirectoryTest implements AttachmentStoreContract {
    @TempDir
    Path directory;
    MutableClock clock = new MutableClock(NOW);
    AttachmentDirectory testee;

    @BeforeEach
    void setUp() {
        testee = new AttachmentDirectory(directory, clock);
    }

    @Override
    public AttachmentStore testee() {
        return testee;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Test
    void theSameFileShouldBeKeptOnce() throws Exception {
        testee.store(REPORT, NOW.plus(Duration.ofHours(1)));
        testee.store(REPORT, NOW.plus(Duration.ofHours(2)));

        try (var files = Files.list(directory)) {
            assertThat(files.filter(file -> file.toString().endsWith(".data")).count()).isEqualTo(1);
        }
    }

    @Test
    void anExpiredFileShouldBeDeletedWhenAnotherIsStoredAMinuteLater() throws Exception {
        String token = testee.store(REPORT, NOW.plus(Duration.ofHours(1)));

        clock.now = NOW.plus(Duration.ofHours(2));
        testee.store(REPORT, clock.now.plus(Duration.ofHours(1)));

        assertThat(Files.exists(directory.resolve(token + ".data"))).isFalse();
        assertThat(Files.exists(directory.resolve(token + ".properties"))).isFalse();
    }

    @Test
    void filesOfAnotherNameShouldNotBeServed() throws Exception {
        Files.writeString(directory.resolve("x.properties"), "name=x\ntype=text/plain\nsize=1\nexpires=2099-01-01T00:00:00Z\n");
        Files.writeString(directory.resolve("x.data"), "x");

        assertThat(testee.find("x")).isEmpty();
    }
}
