-- Filetype detection: `*.cstack` files get the filetype `cstack`.
--
-- `vim.filetype.add` is the mechanism from Neovim 0.8 on; on 0.7 it exists
-- but is only consulted when `g:do_filetype_lua` is set, so an autocommand
-- covers that case (`setfiletype` never overrides a filetype already set).
if vim.filetype and vim.filetype.add then
  vim.filetype.add({ extension = { cstack = 'cstack' } })
end

vim.cmd([[
  augroup cstack_ftdetect
    autocmd!
    autocmd BufRead,BufNewFile *.cstack setfiletype cstack
  augroup END
]])
