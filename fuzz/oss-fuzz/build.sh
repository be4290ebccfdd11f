#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script for mapiblob's native Go fuzz
# targets (package github.com/mapiblob/mapiblob/fuzz). One line per target:
# fuzz/ossfuzz_test.go fails when a func Fuzz… of fuzz/*_test.go is missing
# here, so a new target cannot be forgotten.
#
# Runs inside the image of fuzz/oss-fuzz/Dockerfile, from $SRC/mapiblob.
# The module needs Go 1.26 or newer (go.mod); the Dockerfile installs it.
cd "$SRC/mapiblob"

compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzTZDefinition fuzz_tz_definition
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzTimeZoneStruct fuzz_time_zone_struct
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzPattern fuzz_pattern
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzAppointmentPattern fuzz_appointment_pattern
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzGlobalObjectID fuzz_global_object_id
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzEntryID fuzz_entry_id
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzSyncState fuzz_sync_state
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzSecurity fuzz_security
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzPropStream fuzz_prop_stream
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzRules fuzz_rules
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzGUID fuzz_guid
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzExMerge fuzz_ex_merge
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzExMergeLog fuzz_ex_merge_log
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzInput fuzz_input
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzInputHex fuzz_input_hex
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzDetect fuzz_detect
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzExplain fuzz_explain
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzICalImport fuzz_i_cal_import
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzItemMSG fuzz_item_msg
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzItemTNEF fuzz_item_tnef
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzItemXML fuzz_item_xml
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzItemEML fuzz_item_eml
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzPSTFile fuzz_pst_file
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzPSTBTree fuzz_pstb_tree
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzPSTHeap fuzz_pst_heap
compile_native_go_fuzzer github.com/mapiblob/mapiblob/fuzz FuzzPSTTable fuzz_pst_table
