#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""HTTPServer v2.0 / A small HTTP server with IO multiplexing (select).

One thread serves every browser: select() over the listening socket and
every connection, one request per connection (HTTP/1.0).  GET / and
GET /hello answer 200, anything else 404.  Three browser processes each
send three requests and print the status line they get back.
"""
import socket
import threading
import time
from select import select

from io_clients import fork_client, listen, wait_clients

PAGES = {
    '/': '<html><body><h1>weft demo server</h1></body></html>\n',
    '/hello': '<html><body>hello, class!</body></html>\n',
}


class HTTPServer:
    def __init__(self):
        self.sockfd, self.port = listen()
        self.rlist = [self.sockfd]
        self.answered = 0

    def answer(self, connfd):
        request = connfd.recv(4096).decode()
        if request:
            method, path = (request.split() + ['', ''])[:2]
            body = PAGES.get(path)
            status = '200 OK' if body else '404 Not Found'
            body = body or '<html><body>Sorry, there is no such page.</body></html>\n'
            print('server: %s %s -> %s' % (method, path, status), flush=True)
            connfd.send(('HTTP/1.0 %s\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s'
                         % (status, len(body), body)).encode())
        connfd.close()
        self.answered += 1

    def serve(self, requests):
        while self.answered < requests:
            rs, ws, xs = select(self.rlist, [], [])
            for r in rs:
                if r is self.sockfd:
                    connfd, addr = r.accept()
                    self.rlist.append(connfd)
                else:
                    self.rlist.remove(r)
                    self.answer(r)


def browser(port, number):
    time.sleep(0.15 * number)
    for path in ('/', '/hello', '/missing'):
        c = socket.create_connection(('127.0.0.1', port))
        c.send(('GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' % path).encode())
        response = b''
        while data := c.recv(4096):  # HTTP/1.0: the body ends when the server closes
            response += data
        c.close()
        print('browser-%d: GET %s -> %s' % (number, path, response.split(b'\r\n')[0].decode()), flush=True)
        time.sleep(0.3)
    return 0


if __name__ == '__main__':
    threading.current_thread().name = 'http-server'
    httpd = HTTPServer()
    print('server: http://127.0.0.1:%d/' % httpd.port, flush=True)
    browsers = [fork_client('browser-%d' % i, browser, httpd.port, i) for i in (1, 2, 3)]
    httpd.serve(requests=9)
    print('server: answered %d requests; %d of %d browsers got every answer'
          % (httpd.answered, wait_clients(browsers), len(browsers)))
