package org.jamesxmpp.it.dropin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The release bundle ({@code dist/james-xmpp-VERSION-extension.zip}) unpacked, and its README.txt steps carried out
 * on a James working directory, as an administrator does them.
 */
final class ExtensionBundle {
    private static final String BUNDLE_PROPERTY = "jamesxmpp.bundle";

    private final Path root;

    private ExtensionBundle(Path root) {
        this.root = root;
    }

    /** Unpacks the bundle the build made (system property {@value #BUNDLE_PROPERTY}) into {@code directory}. */
    static ExtensionBundle unpackInto(Path directory) throws IOException {
        Path zip = Path.of(System.getProperty(BUNDLE_PROPERTY, "../dist/missing-bundle.zip"));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("release bundle " + zip.toAbsolutePath() + " not found: run 'mvn package' "
                + "(module dist builds it) before the integration tests");
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new IOException("bundle entry outside the bundle: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        try (Stream<Path> top = Files.list(directory)) {
            List<Path> roots = top.filter(Files::isDirectory).collect(Collectors.toList());
            if (roots.size() != 1) {
                throw new IOException("the bundle should hold one top directory, found " + roots);
            }
            return new ExtensionBundle(roots.get(0));
        }
    }

    List<Path> jars() throws IOException {
        try (Stream<Path> jars = Files.list(root.resolve("extensions-jars"))) {
            return jars.filter(jar -> jar.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
    }

    String file(String relativePath) throws IOException {
        return Files.readString(root.resolve(relativePath), StandardCharsets.UTF_8);
    }

    /**
     * README.txt steps 1 to 4 on {@code jamesHome}: jars into extensions-jars/, the extensions.properties lines
     * appended, xmpp.xml copied (edited by {@code xmppXmlEdit}, as the administrator sets bind and routes), the two
     * mailetcontainer.xml snippets pasted where README.txt says.
     */
    void installInto(Path jamesHome, UnaryOperator<String> xmppXmlEdit) throws IOException {
        Path extensionsJars = Files.createDirectories(jamesHome.resolve("extensions-jars"));
        for (Path jar : jars()) {
            Files.copy(jar, extensionsJars.resolve(jar.getFileName()));
        }
        Path conf = jamesHome.resolve("conf");
        Files.writeString(conf.resolve("extensions.properties"), "\n" + file("conf/extensions.properties"),
            StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.writeString(conf.resolve("xmpp.xml"), xmppXmlEdit.apply(file("conf/xmpp.xml")), StandardCharsets.UTF_8);

        Path mailetContainer = conf.resolve("mailetcontainer.xml");
        String pipeline = Files.readString(mailetContainer, StandardCharsets.UTF_8);
        pipeline = insertBefore(pipeline, "<processor state=\"local-delivery\"", "<mailet match=\"All\" class=\"LocalDelivery\"/>",
            file("conf/mailetcontainer-snippets/local-delivery.xml"));
        pipeline = insertAfter(pipeline, "<processor state=\"relay\"", ">\n",
            file("conf/mailetcontainer-snippets/relay.xml"));
        Files.writeString(mailetContainer, pipeline, StandardCharsets.UTF_8);
    }

    private static String insertBefore(String pipeline, String processor, String anchor, String snippet) {
        int at = pipeline.indexOf(anchor, requireIndex(pipeline, processor));
        int lineStart = pipeline.lastIndexOf('\n', requireIndex(at, anchor)) + 1;
        return pipeline.substring(0, lineStart) + snippet + pipeline.substring(lineStart);
    }

    private static String insertAfter(String pipeline, String processor, String anchor, String snippet) {
        int at = pipeline.indexOf(anchor, requireIndex(pipeline, processor));
        int end = requireIndex(at, anchor) + anchor.length();
        return pipeline.substring(0, end) + snippet + pipeline.substring(end);
    }

    private static int requireIndex(String pipeline, String text) {
        return requireIndex(pipeline.indexOf(text), text);
    }

    private static int requireIndex(int index, String text) {
        if (index < 0) {
            throw new IllegalStateException("mailetcontainer.xml has no " + text);
        }
        return index;
    }
}
