package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.core.MailAddress;
import org.jamesxmpp.core.outgoing.EncodedMail;
import org.jamesxmpp.core.outgoing.MailEncoder;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.common.hash.Hashing;

/**
 * Checked-in corpus: {@code golden/outbound/*.eml} with their envelopes, {@code golden/inbound/*.xml} stanzas, and
 * the expected output of each next to it. {@code -Dgolden.update=true} rewrites the expected files (review the diff).
 */
class GoldenCorpusTest {
    private static final Path GOLDEN = Paths.get("src/test/resources/mapping/golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final AttachmentLinkProvider LINKS = attachment -> Optional.of(URI.create("https://files.james.test/"
        + Hashing.sha256().hashBytes(attachment.content()).toString().substring(0, 16) + "/"
        + attachment.fileName().orElse("file").replaceAll("[^A-Za-z0-9._-]", "_")));

    static Stream<String> outboundCases() throws IOException {
        return names("outbound", ".eml");
    }

    static Stream<String> inboundCases() throws IOException {
        return names("inbound", ".xml");
    }

    @ParameterizedTest
    @MethodSource("outboundCases")
    void outboundShouldMatchGoldenOutputWhenCorpusMail(String name) throws Exception {
        String[] envelope = envelopes().getProperty(name).split("->");
        MailAddress sender = new MailAddress(envelope[0].trim());
        List<MailAddress> recipients = Arrays.stream(envelope[1].split(","))
            .map(String::trim)
            .map(Fixtures::address)
            .collect(Collectors.toList());
        MappingOptions options = name.endsWith("-link") ? MappingOptions.defaults().withLinkProvider(LINKS) : MappingOptions.defaults();

        String actual;
        try {
            EncodedMail result = MailEncoder.encode(Files.readAllBytes(GOLDEN.resolve("outbound/" + name + ".eml")), sender, recipients, options);
            actual = result.stanzas().stream().map(recipient -> recipient.stanza().xml()).collect(Collectors.joining("\n"))
                + "\nnotes: " + result.notes() + "\n";
        } catch (MappingException e) {
            actual = "MappingException " + e.getReason() + " " + e.dsnStatus() + "\n";
        }

        assertMatchesGolden(GOLDEN.resolve("outbound/" + name + ".expected.xml"), actual);
    }

    @ParameterizedTest
    @MethodSource("inboundCases")
    void inboundShouldMatchGoldenOutputWhenCorpusStanza(String name) throws Exception {
        String xml = Files.readString(GOLDEN.resolve("inbound/" + name + ".xml"));

        String actual;
        try {
            Message stanza = Fixtures.parse(xml);
            String peer = stanza.getFrom().getDomain().toString();
            // james-peer-* cases come from a peer configured in inbound/originalMimeFrom
            InboundResult result = StanzaToMime.convert(stanza, name.startsWith("james-peer-")
                ? Fixtures.trustedContext(peer)
                : Fixtures.context(peer));
            actual = describe(result);
        } catch (MappingException e) {
            actual = "MappingException " + e.getReason() + " " + e.stanzaErrorCondition() + "\n";
        }

        assertMatchesGolden(GOLDEN.resolve("inbound/" + name + ".expected.eml"), actual);
    }

    private static String describe(InboundResult result) {
        if (result instanceof NotMail) {
            return "NotMail " + ((NotMail) result).kind() + "\n";
        }
        InboundMail mail = (InboundMail) result;
        return "X-Test-Envelope: sender=" + mail.sender().asString() + " recipients=" + mail.recipients()
            + " type=" + mail.type() + " chat=" + mail.chat() + " messageId=" + mail.messageId() + "\r\n"
            + new String(mail.mimeBytes(), StandardCharsets.UTF_8);
    }

    private static void assertMatchesGolden(Path expectedFile, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(expectedFile).exists();
        assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }

    private static Properties envelopes() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(GOLDEN.resolve("outbound/envelopes.properties"))) {
            properties.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        return properties;
    }

    private static Stream<String> names(String directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN.resolve(directory))) {
            return files.map(path -> path.getFileName().toString())
                .filter(file -> file.endsWith(suffix) && !file.contains(".expected."))
                .map(file -> file.substring(0, file.length() - suffix.length()))
                .sorted()
                .collect(Collectors.toList())
                .stream();
        }
    }
}
