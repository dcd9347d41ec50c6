/* echo-serve: what every echo server does with one connection: send each
 * line back until the client closes it. */
#pragma once

/* Returns the number of lines echoed; closes conn. */
int echo_serve (int conn, const char *who);
