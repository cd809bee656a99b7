"""A real slixmpp client for C2sClientTest: logs in over STARTTLS, sends one chat message, waits for one message.

Usage: slixmpp_client.py JID PASSWORD HOST PORT PEER BODY [WAIT_SECONDS]
Prints one line per event (SESSION <jid>, SENT, RECEIVED <from> <body>, FAILED_AUTH, DISCONNECTED) on stdout.
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
    client = Client(jid, password, peer, body)
    # the test server's certificate is the bundled self-signed one
    client.ssl_context.check_hostname = False
    client.ssl_context.verify_mode = ssl.CERT_NONE
    client.connect(address=(host, int(port)), force_starttls=True)
    try:
        # XMLStream.process(timeout=...) breaks on Python 3.11 (asyncio.wait with a coroutine)
        client.loop.run_until_complete(asyncio.wait_for(client.disconnected, wait))
    except asyncio.TimeoutError:
        print('TIMEOUT', flush=True)


if __name__ == '__main__':
    main()
