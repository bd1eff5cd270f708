/**
 * The three directories (servers, users, instances): pooled entities and the secondary
 * indexes each directory keeps in step with its own data.
 */
package io.gamehall.master.directory;
