"""A real slixmpp client for C2sClientTest: logs in over STARTTLS, sends one chat message, waits for one message.

Usage: slixmpp_client.py JID PASSWORD HOST PORT PEER BODY [WAIT_SECONDS [direct]]
With "direct", connects with TLS from the first byte (XEP-0368, ALPN xmpp-client) and never uses STARTTLS.
Prints one line per event (SESSION <jid>, MECH <SASL mechanism used>, ALPN <protocol> with "direct", SENT, RECEIVED <from> <body>, FAILED_AUTH,
DISCONNECTED) on stdout.
"""
import asyncio
import ssl
import sys

import slixmpp


class Client(slixmpp.ClientXMPP):
    def __init__(self, jid, password, peer, body):
        super().__init__(jid, password)
        self.peer = peer
        self.body = body
        self.add_event_handler('session_start', self.start)
        self.add_event_handler('message', self.message)
        self.add_event_handler('failed_all_auth', self.failed)
        self.add_event_handler('disconnected', lambda event: print('DISCONNECTED', flush=True))

    async def start(self, event):
        print('SESSION ' + str(self.boundjid), flush=True)
        print('MECH ' + self['feature_mechanisms'].mech.name, flush=True)
        ssl_object = self.transport.get_extra_info('ssl_object')
        if self.use_ssl and ssl_object is not None:
            print('ALPN ' + str(ssl_object.selected_alpn_protocol()), flush=True)
        self.send_presence()
        self.send_message(mto=self.peer, mbody=self.body, mtype='chat')
        print('SENT', flush=True)

    def message(self, msg):
        if msg['body']:
            print('RECEIVED ' + str(msg['from']) + ' ' + msg['body'], flush=True)
            self.disconnect()

    def failed(self, event):
        print('FAILED_AUTH', flush=True)
        self.disconnect()


def main():
    jid, password, host, port, peer, body = sys.argv[1:7]
    wait = int(sys.argv[7]) if len(sys.argv) > 7 else 30
    direct = len(sys.argv) > 8 and sys.argv[8] == 'direct'
    client = Client(jid, password, peer, body)
    # the test server's certificate is the bundled self-signed one
    client.ssl_context.check_hostname = False
    client.ssl_context.verify_mode = ssl.CERT_NONE
    if direct:
        client.ssl_context.set_alpn_protocols(['xmpp-client'])
        client.connect(address=(host, int(port)), use_ssl=True, force_starttls=False, disable_starttls=True)
    else:
        client.connect(address=(host, int(port)), force_starttls=True)
    try:
        # XMLStream.process(timeout=...) breaks on Python 3.11 (asyncio.wait with a coroutine)
        client.loop.run_until_complete(asyncio.wait_for(client.disconnected, wait))
    except asyncio.TimeoutError:
        print('TIMEOUT', flush=True)


if __name__ == '__main__':
    main()
