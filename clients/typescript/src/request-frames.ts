import {
    ChangePasswordEncoder, CreateInstanceEncoder, GameMessageEncoder, GetHistoryEncoder, HelloEncoder,
    JoinInstanceEncoder, LeaveInstanceEncoder, LoginEncoder, LogoutEncoder, MessageHeaderEncoder, RegisterEncoder,
    ResumeEncoder, SearchInstancesEncoder,
} from './generated/client.js';

/** Room for the largest frame a gateway takes (64 KiB) and its header. */
const BUFFER_BYTES = 64 * 1024 + 64;

/** Attributes of an instance: 0 means unset (create) or any (search). */
export interface Attributes
{
    region?: number;
    mode?: number;
    ratingBand?: number;
}

/**
 * Encodes what a client sends: one reused buffer and encoder per request, each frame copied
 * out whole (a WebSocket keeps what it is given until it is sent).
 */
export class RequestFrames
{
    readonly #buffer = new Uint8Array(BUFFER_BYTES);
    readonly #header = new MessageHeaderEncoder();
    readonly #hello = new HelloEncoder();
    readonly #register = new RegisterEncoder();
    readonly #login = new LoginEncoder();
    readonly #resume = new ResumeEncoder();
    readonly #logout = new LogoutEncoder();
    readonly #create = new CreateInstanceEncoder();
    readonly #search = new SearchInstancesEncoder();
    readonly #join = new JoinInstanceEncoder();
    readonly #leave = new LeaveInstanceEncoder();
    readonly #game = new GameMessageEncoder();
    readonly #history = new GetHistoryEncoder();
    readonly #changePassword = new ChangePasswordEncoder();

    hello(correlationId: bigint, client: string): Uint8Array
    {
        return this.#copy(this.#hello.wrapAndApplyHeader(this.#buffer, 0, this.#header)
            .correlationId(correlationId).client(client));
    }

    register(correlationId: bigint, name: string, password: string): Uint8Array
    {
        return this.#copy(this.#register.wrapAndApplyHeader(this.#buffer, 0, this.#header)
            .correlationId(correlationId).name(name).password(password));
    }

    login(correlationId: bigint, name: string, password: string): Uint8Array
    {
        return this.#copy(this.#login.wrapAndApplyHeader(this.#buffer, 0, this.#header)
            .correlationId(correlationId).name(name).password(password));
    }

    resume(correlationId: bigint, lastEventSequence: bigint, token: string): Uint8Array
    {
        return this.#copy(this.#resume.wrapAndApplyHeader(this.#buffer, 0, this.#header)
            .correlationId(correlationId).lastEventSequence(lastEventSequence).token(token));
    }

    logout(correlationId: bigint): Uint8Array
    {
        return this.#copy(this.#logout.wrapAndApplyHeader(this.#buffer, 0, this.#header).correlationId(correlationId));
    }

    create(correlationId: bigint, gameType: number, maxPlayers: number, attributes: Attributes): Uint8Array
    {
        return this.#copy(this.#create.wrapAndApplyHeader(this.#buffer, 0, this.#header)
            .correlationId(correlationId).gameType(gameType).maxPlayers(maxPlayers)
            .region(attributes.region ?? 0).mode(attributes.mode ?? 0).ratingBand(attributes.ratingBand ?? 0));
    }

    search(correlationId: bigint, gameType: number, attributes: Attributes, minOpenSeats: number, maxResults: number,
        cursor: bigint): Uint8Array
    {
        return this.#copy(this.#search.wrapAndApplyHeader(this.#buffer, 0, this.#header)
            .correlationId(correlationId).gameType(gameType)
            .region(attributes.region ?? 0).mode(attributes.mode ?? 0).ratingBand(attributes.ratingBand ?? 0)
            .minOpenSeats(minOpenSeats).maxResults(maxResults).cursor(cursor));
    }

    join(correlationId: bigint, instanceId: bigint): Uint8Array
    {
        return this.#copy(this.#join.wrapAndApplyHeader(this.#buffer, 0, this.#header)
            .correlationId(correlationId).instanceId(instanceId));
    }

    leave(correlationId: bigint, instanceId: bigint): Uint8Array
    {
        return this.#copy(this.#leave.wrapAndApplyHeader(this.#buffer, 0, this.#header)
            .correlationId(correlationId).instanceId(instanceId));
    }

    gameMessage(instanceId: bigint, sequence: bigint, kind: number, payload: Uint8Array): Uint8Array
    {
        return this.#copy(this.#game.wrapAndApplyHeader(this.#buffer, 0, this.#header)
            .instanceId(instanceId).sequence(sequence).kind(kind).payload(payload));
    }

    history(correlationId: bigint, before: bigint, maxResults: number): Uint8Array
    {
        return this.#copy(this.#history.wrapAndApplyHeader(this.#buffer, 0, this.#header)
            .correlationId(correlationId).before(before).maxResults(maxResults));
    }

    changePassword(correlationId: bigint, oldPassword: string, newPassword: string): Uint8Array
    {
        return this.#copy(this.#changePassword.wrapAndApplyHeader(this.#buffer, 0, this.#header)
            .correlationId(correlationId).oldPassword(oldPassword).newPassword(newPassword));
    }

    #copy(encoder: { encodedLength(): number }): Uint8Array
    {
        return this.#buffer.slice(0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }
}
