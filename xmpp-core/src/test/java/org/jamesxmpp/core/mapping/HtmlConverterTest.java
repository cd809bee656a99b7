package org.jamesxmpp.core.mapping;


import static org.assertj.core.api.Assertions.assertThat;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.xhtmlim.packet.XHTMLExtension;
import org.junit.jupiter.api.Test;

class HtmlConverterTest {
    @Test
    void toXhtmlImBodyShouldKeepRecommendedProfileOnlyWhenHtmlIsRich() {
        String testee = HtmlConverter.toXhtmlImBody("<div class='x'><b>bold</b> <i>it</i><script>alert(1)</script>"
            + "<table><tr><td>cell</td></tr></table><a href='https://ok.test/?a=1&b=2' onclick='x()'>ok</a></div>");

        assertThat(testee).isEqualTo("<body xmlns='http://www.w3.org/1999/xhtml'><strong>bold</strong> <em>it</em>cell"
            + "<a href=\"https://ok.test/?a=1&amp;b=2\">ok</a></body>");
    }

    @Test
    void toXhtmlImBodyShouldDropLinksWithUnsafeSchemes() {
        String testee = HtmlConverter.toXhtmlImBody("<a href='javascript:alert(1)'>x</a><img src='data:image/png;base64,AAAA' alt='d'>"
            + "<a href=' JAVASCRIPT:evil()'>y</a><a href='xmpp:alice@a.test'>z</a>");

        assertThat(testee).isEqualTo("<body xmlns='http://www.w3.org/1999/xhtml'><a>x</a><img alt=\"d\"/><a>y</a>"
            + "<a href=\"xmpp:alice@a.test\">z</a></body>");
    }

    @Test
    void toXhtmlImBodyShouldBeWellFormedWhenHtmlIsBroken() throws Exception {
        String xhtml = HtmlConverter.toXhtmlImBody("<p>unclosed <strong>tags & < stray \u0000 <br> <em>x</p></strong>");

        Message parsed = Fixtures.parse("<message xmlns='jabber:server' from='a@a.test' to='b@b.test'>"
            + "<html xmlns='http://jabber.org/protocol/xhtml-im'>" + xhtml + "</html></message>");

        assertThat(XHTMLExtension.from(parsed).getBodies()).hasSize(1);
    }

    @Test
    void toTextShouldBreakLinesAtBlocks() {
        assertThat(HtmlConverter.toText("<h1>Title</h1><p>one<br>two</p><ul><li>a</li><li>b</li></ul>"))
            .isEqualTo("Title\n\none\ntwo\n\na\n\nb");
    }
}
