/**
 * TypeScript codecs generated from SBE schemas: a code generator over the SBE tool's intermediate
 * representation ({@link io.gamehall.codegen.typescript.TypeScript}, usable as the tool's target
 * language), the command line the build runs ({@link io.gamehall.codegen.typescript.TypeScriptCodegenMain}),
 * and the build's check for Node.js ({@link io.gamehall.codegen.typescript.NodeToolsCheck}).
 */
package io.gamehall.codegen.typescript;
