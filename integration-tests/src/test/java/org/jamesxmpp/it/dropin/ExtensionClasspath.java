package org.jamesxmpp.it.dropin;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;

/**
 * Splits this test JVM's class path the way an administrator's install is split: the stock James jars on one
 * side, our jars and the dependencies James does not ship (Smack, jxmpp, minidns, aalto, stax2) on the other,
 * to be dropped into {@code extensions-jars/}.
 */
record ExtensionClasspath(List<Path> james, List<Path> extension) {
    private static final List<String> EXTENSION_MARKERS = ImmutableList.of(
        "/org/igniterealtime/", "/org/jxmpp/", "/org/minidns/", "/org/hsluv/",
        "/com/fasterxml/aalto-xml/", "/org/codehaus/woodstox/stax2-api/");
    private static final List<String> OUR_MODULES = ImmutableList.of(
        "xmpp-core", "mailets", "xmpp-listener", "guice-modules");

    static ExtensionClasspath ofThisJvm() {
        List<Path> entries = Splitter.on(File.pathSeparatorChar).omitEmptyStrings()
            .splitToStream(System.getProperty("java.class.path"))
            .map(Path::of)
            .collect(Collectors.toList());
        ImmutableList.Builder<Path> james = ImmutableList.builder();
        ImmutableList.Builder<Path> extension = ImmutableList.builder();
        for (Path entry : entries) {
            String path = entry.toAbsolutePath().toString().replace(File.separatorChar, '/');
            if (isTestOnly(path)) {
                continue;
            }
            if (isOurModule(path) || EXTENSION_MARKERS.stream().anyMatch(path::contains)) {
                extension.add(entry);
            } else {
                james.add(entry);
            }
        }
        return new ExtensionClasspath(james.build(), extension.build());
    }

    private static boolean isTestOnly(String path) {
        return path.contains("/test-classes") || path.contains("/integration-tests/") || path.contains("/test-fixtures/")
            || path.contains("/org/jamesxmpp/test-fixtures/");
    }

    private static boolean isOurModule(String path) {
        return OUR_MODULES.stream().anyMatch(module -> path.contains("/" + module + "/target/") || path.contains("/org/jamesxmpp/" + module + "/"));
    }

    /** Copies the extension side into {@code directory}, packing reactor class folders into jars as a release would. */
    void copyExtensionJarsTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (Path entry : extension) {
            if (Files.isDirectory(entry)) {
                packDirectory(entry, directory.resolve(entry.getParent().getParent().getFileName() + ".jar"));
            } else {
                Files.copy(entry, directory.resolve(entry.getFileName()));
            }
        }
    }

    String jamesClasspath() {
        return james.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static void packDirectory(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream jarOut = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
    }
}
