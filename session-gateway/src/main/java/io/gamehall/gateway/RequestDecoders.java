package io.gamehall.gateway;

import io.gamehall.protocol.FrameBytes;
import io.gamehall.sbe.client.ChangePasswordDecoder;
import io.gamehall.sbe.client.CreateInstanceDecoder;
import io.gamehall.sbe.client.GameMessageDecoder;
import io.gamehall.sbe.client.GetHistoryDecoder;
import io.gamehall.sbe.client.HelloDecoder;
import io.gamehall.sbe.client.JoinInstanceDecoder;
import io.gamehall.sbe.client.LeaveInstanceDecoder;
import io.gamehall.sbe.client.LoginDecoder;
import io.gamehall.sbe.client.LogoutDecoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import io.gamehall.sbe.client.RegisterDecoder;
import io.gamehall.sbe.client.ResumeDecoder;
import io.gamehall.sbe.client.SearchInstancesDecoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The buffer a client's frame is read into and a decoder per request type: one set per
 * WebSocket I/O thread, used by that thread only (flyweights hold state between calls), so
 * reading a request allocates nothing.
 */
final class RequestDecoders extends FrameBytes
{
    final MessageHeaderDecoder header = new MessageHeaderDecoder();
    final HelloDecoder hello = new HelloDecoder();
    final RegisterDecoder register = new RegisterDecoder();
    final LoginDecoder login = new LoginDecoder();
    final ResumeDecoder resume = new ResumeDecoder();
    final LogoutDecoder logout = new LogoutDecoder();
    final CreateInstanceDecoder create = new CreateInstanceDecoder();
    final SearchInstancesDecoder search = new SearchInstancesDecoder();
    final JoinInstanceDecoder join = new JoinInstanceDecoder();
    final LeaveInstanceDecoder leave = new LeaveInstanceDecoder();
    final GameMessageDecoder gameMessage = new GameMessageDecoder();
    final GetHistoryDecoder history = new GetHistoryDecoder();
    final ChangePasswordDecoder changePassword = new ChangePasswordDecoder();
    final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
}
