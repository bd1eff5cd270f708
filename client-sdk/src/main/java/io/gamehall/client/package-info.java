/**
 * The Java client SDK: {@code GameClient} connects to one of a list of gateways (failing over to
 * the next), logs in or resumes with its token, and offers the lobby and game requests as
 * futures, with pushes delivered to a {@code GameClientListener}.
 */
package io.gamehall.client;
