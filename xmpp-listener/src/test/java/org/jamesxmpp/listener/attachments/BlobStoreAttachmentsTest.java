package org.jamesxmpp.listener.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BucketName;
import org.apache.james.blob.api.HashBlobId;
import org.apache.james.blob.memory.MemoryBlobStoreDAO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** On James's own memory blob store, the one James's memory server binds. */
class BlobStoreAttachmentsTest implements AttachmentStoreContract {
    static final BucketName BUCKET = BucketName.of(BlobStoreAttachments.BUCKET);

    MutableClock clock = new MutableClock(NOW);
    MemoryBlobStoreDAO blobs = new MemoryBlobStoreDAO();
    BlobStoreAttachments testee;

    @BeforeEach
    void setUp() {
        testee = new BlobStoreAttachments(blobs, new HashBlobId.Factory(), clock);
    }

    @Override
    public AttachmentStore testee() {
        return testee;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    private List<String> blobNames() {
        return Flux.from(blobs.listBlobs(BUCKET)).map(BlobId::asString).sort().collectList().block();
    }

    @Test
    void aFileShouldBeThreeBlobsOfTheAttachmentBucketAndKeptOnce() throws Exception {
        String token = testee.store(REPORT, NOW.plus(Duration.ofHours(1)));
        testee.store(REPORT, NOW.plus(Duration.ofHours(2)));

        assertThat(blobNames()).hasSize(3).contains("data-" + token, "meta-" + token)
            .anySatisfy(name -> assertThat(name).startsWith("ref-"));
        assertThat(Mono.from(blobs.readBytes(BUCKET, new HashBlobId.Factory().from("data-" + token))).block())
            .containsExactly(1, 2, 3, 4);
    }

    @Test
    void expiredFilesShouldBeDeletedWhenAnotherIsStoredAPurgeIntervalLater() throws Exception {
        String expired = testee.store(REPORT, NOW.plus(Duration.ofMinutes(10)));

        clock.now = NOW.plus(BlobStoreAttachments.PURGE_INTERVAL).plusSeconds(1);
        String fresh = testee.store(REPORT, clock.now.plus(Duration.ofHours(1)));

        assertThat(blobNames()).hasSize(3).contains("data-" + fresh, "meta-" + fresh)
            .doesNotContain("data-" + expired, "meta-" + expired);
    }

    @Test
    void aBlobOfTheBucketThatIsNotADescriptionShouldBeKeptByThePurge() throws Exception {
        String foreign = "meta-" + "A".repeat(43);
        Mono.from(blobs.save(BUCKET, new HashBlobId.Factory().from(foreign), "not a description".getBytes())).block();

        clock.now = NOW.plus(BlobStoreAttachments.PURGE_INTERVAL).plusSeconds(1);
        testee.store(REPORT, clock.now.plus(Duration.ofHours(1)));

        assertThat(blobNames()).contains(foreign);
    }
}
