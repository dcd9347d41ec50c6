/* echo-client: the client the echo servers start: connects, sends
 * `lines` lines 300 ms apart and checks each echo; exits 1 when an echo
 * is wrong or missing. */
#pragma once

int echo_client (int port, int number);
