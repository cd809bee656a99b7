package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDialbackSecretStoreTest implements DialbackSecretStoreContract {
    @TempDir
    Path directory;

    FileDialbackSecretStore testee;

    @Override
    public DialbackSecretStore testee() {
        if (testee == null) {
            testee = new FileDialbackSecretStore(directory.resolve("xmpp/dialback-secret"));
        }
        return testee;
    }

    @Test
    void retrieveOrStoreShouldReturnTheSecretAnEarlierRunStored() {
        new FileDialbackSecretStore(directory.resolve("secret")).retrieveOrStore(() -> "first");

        assertThat(new FileDialbackSecretStore(directory.resolve("secret")).retrieveOrStore(() -> "second"))
            .isEqualTo("first");
    }

    @Test
    void retrieveOrStoreShouldWriteAFileOnlyItsOwnerReads() throws IOException {
        Path file = directory.resolve("secret");

        new FileDialbackSecretStore(file).retrieveOrStore(() -> "first");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aSecretStoredMeanwhileByAnotherStoreOfTheFileShouldWin() {
        Path file = directory.resolve("shared/dialback-secret");
        FileDialbackSecretStore other = new FileDialbackSecretStore(file);

        String first = new FileDialbackSecretStore(file).retrieveOrStore(() -> {
            other.retrieveOrStore(() -> "stored meanwhile");
            return "late candidate";
        });

        assertThat(first).isEqualTo("stored meanwhile");
        assertThat(other.retrieveOrStore(() -> "third")).isEqualTo("stored meanwhile");
    }

    @Test
    void retrieveOrStoreShouldReplaceAnEmptyFile() throws IOException {
        Path file = directory.resolve("secret");
        Files.writeString(file, "\n");

        assertThat(new FileDialbackSecretStore(file).retrieveOrStore(() -> "fresh")).isEqualTo("fresh");
    }

    @Test
    void secretWrittenBeforeRotationExistedShouldBeTheFirstGenerationAndStillVerifyAfterARotation() throws IOException {
        Path file = directory.resolve("secret");
        Files.writeString(file, "0123abcd\n");
        Files.setLastModifiedTime(file, FileTime.from(FIRST));
        FileDialbackSecretStore store = new FileDialbackSecretStore(file);

        assertThat(store.rotate(FIRST.plus(INTERVAL), INTERVAL, () -> "next"))
            .containsExactly(new DialbackSecret(2, "next", FIRST.plus(INTERVAL)), new DialbackSecret(1, "0123abcd", FIRST));
        assertThat(new FileDialbackSecretStore(file).rotate(FIRST.plus(INTERVAL), INTERVAL, () -> "unused"))
            .extracting(DialbackSecret::secret)
            .containsExactly("next", "0123abcd");
    }
}
