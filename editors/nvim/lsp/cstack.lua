-- The cstack-lsp configuration in the `lsp/<name>.lua` form that Neovim 0.11+
-- finds on the runtimepath: with this plugin on the runtimepath,
-- `vim.lsp.enable('cstack')` is all a configuration needs. Override any field
-- with `vim.lsp.config('cstack', { ... })`.
--
-- Older Neovim versions use `require('cstack').setup()` instead, which starts
-- the same command.
return require('cstack.config').defaults()
