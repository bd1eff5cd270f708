/**
 * The link between session gateways and game hosts over Aeron, used by both sides: the
 * gateway's side ({@code GatewayLink}: publications to hosts, IPC on a shared media driver and
 * UDP otherwise, the reply subscription, signed hellos), the hello's signature
 * ({@code LinkHello}), the streams and channels both sides publish on ({@code LinkChannels}) and
 * how they find each other on one media driver ({@code SameDriver}).
 */
package io.gamehall.link;
