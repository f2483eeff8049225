package importer

// The corpus (testdata/corpus) is the files offices really send, made
// with invented people by internal/corpusgen, one file per case; its
// README names each file's expected outcome and TestCorpus checks it
// (issue 18, item 6). Regenerate it after changing the generator:
//
//	go generate ./internal/importer
//
//go:generate go run ./internal/corpusgen -o testdata/corpus
