/**
 * Allocation-free index structures over entity slots: ordered (treap, for unique, non-unique
 * and range indexes) and unique names (open addressing).
 */
package io.gamehall.master.index;
