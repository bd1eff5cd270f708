/**
 * The command journal: what a master node applied, written to Chronicle Queue on the service
 * thread ({@link io.gamehall.replication.journal.CommandJournal}), read back record by record
 * ({@link io.gamehall.replication.journal.JournalReader}) and replayed into a fresh engine
 * with every recorded state hash checked ({@link io.gamehall.replication.journal.JournalReplay}).
 */
package io.gamehall.replication.journal;
