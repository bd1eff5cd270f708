/**
 * Matchmaker partition messages as readable text, for logs, tools and scenario tests.
 */
package io.gamehall.matchmaker.text;
