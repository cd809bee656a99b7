package org.jamesxmpp.it.dropin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;

/**
 * The bundle's {@code extensions-jars/} holds exactly what an existing James lacks: the extension's run-time class
 * path (module dist's {@code extension-classpath.txt}: our three modules with their dependencies and the
 * guice-modules jar) minus stock James's, by groupId:artifactId.
 */
class ExtensionBundleTest {
    private static final String EXTENSION_CLASSPATH_PROPERTY = "jamesxmpp.extensionClasspath";

    @TempDir
    Path directory;

    @Test
    void bundleShouldHoldExactlyOurRunTimeJarsThatStockJamesDoesNotShip() throws Exception {
        Map<String, String> oursByFileName = oursByFileName();
        Set<String> bundle = bundle(oursByFileName);
        Set<String> stockJames = coordinatesOf(StockJames.Flavour.MEMORY.classpath());
        Set<String> ours = ImmutableSet.copyOf(oursByFileName.values());

        assertThat(bundle).containsExactlyInAnyOrderElementsOf(Sets.difference(ours, stockJames));
        assertThat(Sets.intersection(bundle, stockJames)).isEmpty();
        assertThat(bundle).contains("org.jamesxmpp:xmpp-core", "org.igniterealtime.smack:smack-xmlparser-stax",
            "com.fasterxml:aalto-xml");
    }

    /** The same bundle serves a James JPA deployment: what the JPA server lacks of our run-time jars, it holds. */
    @Test
    void bundleShouldHoldEveryRunTimeJarOfOursThatTheJamesJpaServerDoesNotShip() throws Exception {
        Map<String, String> oursByFileName = oursByFileName();
        Set<String> bundle = bundle(oursByFileName);
        Set<String> jpaServer = coordinatesOf(StockJames.Flavour.JPA.classpath());

        assertThat(Sets.difference(ImmutableSet.copyOf(oursByFileName.values()), Sets.union(bundle, jpaServer))).isEmpty();
        assertThat(Sets.intersection(bundle, jpaServer)).isEmpty();
    }

    private static Map<String, String> oursByFileName() throws IOException {
        return Splitter.on(File.pathSeparatorChar).omitEmptyStrings()
            .splitToStream(Files.readString(extensionClasspath(), StandardCharsets.UTF_8).trim())
            .map(Path::of)
            .collect(Collectors.toMap(jar -> jar.getFileName().toString(), ExtensionBundleTest::coordinates));
    }

    private Set<String> bundle(Map<String, String> oursByFileName) throws IOException {
        return ExtensionBundle.unpackInto(directory).jars().stream()
            .map(jar -> bundledCoordinates(jar, oursByFileName))
            .collect(ImmutableSet.toImmutableSet());
    }

    /** Our jars are bundled as james-xmpp-ARTIFACT-VERSION.jar, the others under their own names. */
    private static String bundledCoordinates(Path jar, Map<String, String> oursByFileName) {
        String fileName = jar.getFileName().toString();
        if (fileName.startsWith("james-xmpp-")) {
            return coordinates(jar);
        }
        String coordinates = oursByFileName.get(fileName);
        if (coordinates == null) {
            throw new AssertionError("bundled " + fileName + " is not on our run-time class path");
        }
        return coordinates;
    }

    private static Path extensionClasspath() {
        Path file = Path.of(System.getProperty(EXTENSION_CLASSPATH_PROPERTY, "../dist/target/missing-extension-classpath.txt"));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " not found: module dist writes it at package");
        }
        return file;
    }

    private static Set<String> coordinatesOf(String classpath) {
        return Splitter.on(File.pathSeparatorChar).omitEmptyStrings().splitToStream(classpath)
            .map(Path::of)
            .map(ExtensionBundleTest::coordinates)
            .collect(Collectors.toSet());
    }

    /** groupId:artifactId from the jar's place in the Maven repository, else from the Maven descriptor it carries. */
    private static String coordinates(Path jar) {
        String path = jar.toAbsolutePath().toString().replace(File.separatorChar, '/');
        if (path.contains("/repository/")) {
            return coordinatesFromRepositoryPath(jar);
        }
        String fileName = jar.getFileName().toString();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> descriptors = file.stream()
                .filter(entry -> entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties"))
                .collect(Collectors.toList());
            for (JarEntry descriptor : descriptors) {
                Properties properties = new Properties();
                try (InputStream in = file.getInputStream(descriptor)) {
                    properties.load(in);
                }
                String artifactId = properties.getProperty("artifactId");
                if (fileName.startsWith(artifactId + "-") || fileName.startsWith("james-xmpp-" + artifactId + "-")) {
                    return properties.getProperty("groupId") + ":" + artifactId;
                }
            }
            throw new IllegalStateException(jar + " carries no Maven descriptor of its own");
        } catch (IOException e) {
            throw new IllegalStateException("unreadable jar " + jar, e);
        }
    }

    /** {@code .../repository/org/foo/bar/1.0/bar-1.0.jar} is org.foo:bar. */
    private static String coordinatesFromRepositoryPath(Path jar) {
        String path = jar.toAbsolutePath().toString().replace(File.separatorChar, '/');
        int repository = path.indexOf("/repository/");
        if (repository < 0) {
            throw new IllegalStateException(jar + " has no Maven descriptor and is not in a Maven repository");
        }
        Path version = jar.getParent();
        Path artifact = version.getParent();
        String group = path.substring(repository + "/repository/".length(), path.indexOf("/" + artifact.getFileName() + "/" + version.getFileName() + "/"));
        return group.replace('/', '.') + ":" + artifact.getFileName();
    }
}
