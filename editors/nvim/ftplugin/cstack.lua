-- Buffer settings for `.cstack` files: `//` comments, `///` doc comments
-- continued on Enter and by `o`/`O`, two-space indentation, and `@id` /
-- `@@allow` as one word (for `*`, `ciw` and completion).
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = 1

vim.bo.commentstring = '// %s'
-- `///` first, so a doc comment continues as a doc comment.
vim.bo.comments = ':///,://'
vim.bo.formatoptions = vim.bo.formatoptions:gsub('[ro]', '') .. 'ro'
vim.bo.expandtab = true
vim.bo.shiftwidth = 2
vim.bo.softtabstop = 2
vim.opt_local.iskeyword:append('@-@')

vim.b.undo_ftplugin = 'setlocal commentstring< comments< formatoptions< expandtab< shiftwidth< softtabstop< iskeyword<'
