/**
 * The gateway side of the gateway-host link over Aeron: publications to hosts (IPC on a shared
 * media driver, UDP otherwise), signed hellos, and the channels and streams both sides use.
 */
package io.gamehall.host.link;
