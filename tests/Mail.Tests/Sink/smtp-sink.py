#!/usr/bin/python3
"""SMTP sink for the Mail tests (and the lab's, with --host): aiosmtpd on 127.0.0.1:PORT; every accepted message is written to
DIR/NNNN.eml (envelope as X-Sink-* lines, then the data). RCPT reject*@ gets 550, defer*@ gets 451.
Optional STARTTLS (--cert/--key, then required; --implicit for TLS from the start) and AUTH (--user/--password, required, TLS only)."""
import argparse
import os
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = len([n for n in os.listdir(directory) if n.endswith('.eml')])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith('reject'):
            return '550 5.1.1 <%s>: Recipient address rejected: User unknown' % address
        if address.startswith('defer'):
            return '451 4.3.0 <%s>: try again later' % address
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.directory, '%04d.eml' % self.count)
        head = 'X-Sink-From: %s\r\n' % envelope.mail_from
        for rcpt in envelope.rcpt_tos:
            head += 'X-Sink-To: %s\r\n' % rcpt
        tls = session.ssl or server.transport.get_extra_info('ssl_object') is not None
        head += 'X-Sink-Tls: %s\r\n' % ('yes' if tls else 'no')
        head += 'X-Sink-Auth: %s\r\n' % (session.auth_data.decode() if session.authenticated else '-')
        with open(name + '.tmp', 'wb') as f:
            f.write(head.encode() + envelope.original_content)
        os.rename(name + '.tmp', name)
        return '250 2.0.0 Ok: queued as %04d' % self.count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--dir', required=True)
    parser.add_argument('--cert')
    parser.add_argument('--key')
    parser.add_argument('--user')
    parser.add_argument('--password')
    parser.add_argument('--no-plain', action='store_true')
    parser.add_argument('--implicit', action='store_true', help='TLS from the first byte instead of STARTTLS')
    args = parser.parse_args()

    options = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.implicit:
            options.update(ssl_context=context)
        else:
            options.update(tls_context=context, require_starttls=True)
    if args.user:
        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login.decode() == args.user and auth_data.password.decode() == args.password)
            return AuthResult(success=ok, handled=False, auth_data=(mechanism + ':' + args.user).encode() if ok else None)
        options.update(authenticator=authenticate, auth_required=True, auth_require_tls=True)
        if args.no_plain:
            options.update(auth_exclude_mechanism=['PLAIN'])
    controller = Controller(Sink(args.dir), hostname=args.host, port=args.port, server_hostname='sink.example', **options)
    controller.start()
    print('READY', flush=True)
    threading.Event().wait()


if __name__ == '__main__':
    main()
