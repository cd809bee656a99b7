package org.jamesxmpp.core.xep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.google.common.base.Splitter;

/**
 * A James drop-in loads our jars in a child class loader, while the threads that run our code keep the application
 * class loader as context loader. This test rebuilds that: a class loader of its own over this JVM's class path (so
 * nothing is shared with the one running the test), and a thread whose context loader sees none of it.
 */
class SmackBootstrapTest {
    @Test
    void firstStanzaOnAFreshClassLoaderShouldCarryOurExtensionElements() throws Exception {
        try (URLClassLoader extensionLoader = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            @SuppressWarnings("unchecked")
            Callable<String> probe = (Callable<String>) extensionLoader
                .loadClass(FirstStanzaOnAFreshClassLoader.class.getName()).getConstructor().newInstance();

            CompletableFuture<String> extensions = new CompletableFuture<>();
            Thread eventLoopLike = new Thread(() -> {
                try {
                    extensions.complete(probe.call());
                } catch (Throwable e) {
                    extensions.completeExceptionally(e);
                }
            }, "like-a-netty-event-loop");
            eventLoopLike.setContextClassLoader(ClassLoader.getPlatformClassLoader());
            eventLoopLike.start();

            assertThat(extensions.get(30, TimeUnit.SECONDS).split(","))
                .containsExactlyInAnyOrder(
                    "org.jivesoftware.smack.packet.Message$Body",
                    "org.jamesxmpp.core.xep.addresses.MultipleAddressesElement",
                    "org.jivesoftware.smackx.delay.packet.DelayInformation");
            assertThat(extensionLoader.loadClass(SmackBootstrap.class.getName()))
                .isNotSameAs(SmackBootstrap.class);
        }
    }

    private static URL[] classPath() {
        return Splitter.on(File.pathSeparatorChar).omitEmptyStrings()
            .splitToStream(System.getProperty("java.class.path"))
            .map(entry -> toUrl(Path.of(entry)))
            .toArray(URL[]::new);
    }

    private static URL toUrl(Path entry) {
        try {
            return entry.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry.toString(), e);
        }
    }
}
