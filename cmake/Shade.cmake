# Helpers shared by the dialect folders.

# shade_add_dialect_tablegen(<Prefix> <namespace>)
# Runs mlir-tblgen on <Prefix>Dialect.td, <Prefix>Types.td, <Prefix>Attributes.td
# and <Prefix>Ops.td of the current folder (those that exist) and makes
# the target <Prefix>IncGen.
function(shade_add_dialect_tablegen prefix namespace)
  set(LLVM_TARGET_DEFINITIONS ${prefix}Ops.td)
  mlir_tablegen(${prefix}Dialect.h.inc -gen-dialect-decls -dialect=${namespace})
  mlir_tablegen(${prefix}Dialect.cpp.inc -gen-dialect-defs -dialect=${namespace})
  mlir_tablegen(${prefix}Ops.h.inc -gen-op-decls)
  mlir_tablegen(${prefix}Ops.cpp.inc -gen-op-defs)
  mlir_tablegen(${prefix}Types.h.inc -gen-typedef-decls -typedefs-dialect=${namespace})
  mlir_tablegen(${prefix}Types.cpp.inc -gen-typedef-defs -typedefs-dialect=${namespace})
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${prefix}Attributes.td)
    mlir_tablegen(${prefix}Attributes.h.inc -gen-attrdef-decls -attrdefs-dialect=${namespace})
    mlir_tablegen(${prefix}Attributes.cpp.inc -gen-attrdef-defs -attrdefs-dialect=${namespace})
  endif()
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${prefix}TypeInterfaces.td)
    set(LLVM_TARGET_DEFINITIONS ${prefix}TypeInterfaces.td)
    mlir_tablegen(${prefix}TypeInterfaces.h.inc -gen-type-interface-decls)
    mlir_tablegen(${prefix}TypeInterfaces.cpp.inc -gen-type-interface-defs)
  endif()
  add_public_tablegen_target(${prefix}IncGen)

  # The dialect reference: generated at build time into the build tree and
  # copied to docs/dialects/ so that the checked-in copy never goes stale.
  set(doc_build ${SHADE_BINARY_DIR}/docs/dialects/${namespace}.md)
  set(doc_source ${SHADE_SOURCE_DIR}/docs/dialects/${namespace}.md)
  file(GLOB td_files ${CMAKE_CURRENT_SOURCE_DIR}/*.td)
  add_custom_command(
    OUTPUT ${doc_build}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${SHADE_BINARY_DIR}/docs/dialects
    COMMAND ${MLIR_TABLEGEN_EXE} -gen-dialect-doc -dialect=${namespace}
            -I ${MLIR_INCLUDE_DIRS} -I ${SHADE_SOURCE_DIR}
            ${CMAKE_CURRENT_SOURCE_DIR}/${prefix}Ops.td -o ${doc_build}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${doc_build} ${doc_source}
    DEPENDS ${td_files}
    COMMENT "Generating docs/dialects/${namespace}.md")
  add_custom_target(${prefix}DocGen ALL DEPENDS ${doc_build})
  add_dependencies(shade-docs ${prefix}DocGen)
endfunction()

# shade_add_mlir_library(<name> SOURCES... [DEPENDS targets] [LINK libs])
# A static library of our own MLIR code, linked against the shared libMLIR.
function(shade_add_mlir_library name)
  cmake_parse_arguments(ARG "" "" "DEPENDS;LINK" ${ARGN})
  add_library(${name} STATIC ${ARG_UNPARSED_ARGUMENTS})
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
  target_link_libraries(${name} PUBLIC MLIR LLVM ${ARG_LINK})
endfunction()
