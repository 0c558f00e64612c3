-- The only configuration the headless test Neovim loads: this plugin on the
-- runtimepath, filetype plugins on, nothing from the user's setup.
local plugin = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h')
vim.opt.runtimepath:prepend(plugin)
vim.opt.swapfile = false
vim.opt.shadafile = 'NONE'
vim.g.cstack_test_plugin_dir = plugin
vim.cmd('filetype plugin on')
