# The actions of fancyPackage on its node. A method defined here replaces AYS's default action
# of the same name; super().<action>(serviceObj) runs the default from inside it.
import os

from ays import ActionsBase


class ActionsNode(ActionsBase):

    def configure(self, serviceObj):
        # self.hrd holds the instance's configuration: the answers as instance.param.*
        port = self.hrd.getInt('instance.param.port')
        greeting = self.hrd.getStr('instance.param.greeting')
        path = os.path.join(serviceObj.path, 'fancy.conf')
        with open(path, 'w') as f:
            f.write('# written by fancyPackage/actions_node.py configure\n')
            f.write('port = %d\n' % port)
            f.write('greeting = %s\n' % greeting)
        print('configure: wrote %s (port %d)' % (path, port))

    def start(self, serviceObj):
        print('start: fancyPackage on port %d' % self.hrd.getInt('instance.param.port'))
        super().start(serviceObj)  # the default start: run process.1, wait for its port
